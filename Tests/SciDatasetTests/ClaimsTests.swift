import SciDataset
import SciEngine
import SciShell
import Testing

/// "Everything the article says": every sentence of the body gives at
/// least one claim or is listed with the reason it gives none, every claim
/// stands in its own sentence's words, and `.cite` finds it.
@Suite struct ClaimsTests: DatasetReading {
    let tables: [String: Table]
    let article = ArticleText.text
    /// sentences.id → text
    let sentences: [Int: String]

    init() throws {
        tables = try Self.loadTables()
        sentences = Self.sentenceTexts
    }

    @Test func everySentenceHasAClaimOrAReasonForNone() {
        let claimed = Set(strings("claims", "sentence").compactMap { $0.flatMap { Int($0) } })
        let silent = Set(strings("no_claims", "sentence").compactMap { $0.flatMap { Int($0) } })
        #expect(claimed.isDisjoint(with: silent), "sentences both with claims and listed in no_claims: \(claimed.intersection(silent).sorted())")
        for id in sentences.keys.sorted() {
            #expect(claimed.contains(id) || silent.contains(id), "sentence \(id) has no claim and no reason: \(sentences[id] ?? "")")
        }
        for id in claimed.union(silent) {
            #expect(sentences[id] != nil, "no sentence \(id)")
        }
        for (row, reason) in strings("no_claims", "reason").enumerated() {
            #expect(!(reason ?? "").isEmpty, "no_claims row \(row + 1) gives no reason")
        }
        // Only the page's framing goes without claims: the headline, the
        // dateline, the column's label and opening, the picture, the byline
        // and the source line; every sentence from 党的二十大 to the last
        // next step makes at least one.
        #expect(silent == [1, 2, 3, 4, 5, 39, 40])
    }

    @Test func claimIdsRunInReadingOrder() {
        let claims = rows("claims")
        for (index, claim) in claims.enumerated() {
            let expected = "c" + String(repeating: "0", count: max(0, 3 - String(index + 1).count)) + String(index + 1)
            #expect(claim["id"] == expected, "claims row \(index + 1) has id \(String(describing: claim["id"] ?? nil))")
        }
        let order = claims.compactMap { $0["sentence"].flatMap { $0.flatMap { Int($0) } } }
        #expect(order == order.sorted(), "claims are not in the order of their sentences")
    }

    @Test func everyClaimIsInTheWordsOfItsSentence() {
        for claim in rows("claims") {
            let id = (claim["id"] ?? nil) ?? "?"
            let sentence = (claim["sentence"] ?? nil).flatMap { Int($0) }.flatMap { sentences[$0] } ?? ""
            let quote = (claim["quote"] ?? nil) ?? ""
            #expect(!quote.isEmpty && sentence.contains(quote), "\(id): the quote is not in sentence \(String(describing: claim["sentence"] ?? nil)): \(quote)")
            if let hint = claim["time_hint"] ?? nil {
                #expect(sentence.contains(hint), "\(id): the time hint \(hint) is not in its sentence")
            }
            // The object is an id, or else the article's own words.
            let object = (claim["object"] ?? nil) ?? ""
            let isSlug = !object.isEmpty && object.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
            if isSlug {
                #expect(ids.contains(object), "\(id): unknown id \(object)")
            } else {
                #expect(!object.isEmpty && article.contains(object), "\(id): the object is neither an id nor the article's words: \(object)")
            }
            // A statement names who said it, or is the article's own view;
            // only statements name a speaker.
            if claim["said_by"] ?? nil != nil {
                #expect(claim["modality"] == "statement", "\(id): said_by on a claim that is not a statement")
                #expect(sentence.contains("表示"), "\(id): said_by, but its sentence reports no one saying anything")
            }
        }
    }

    @Test func citeFindsEveryClaimsSentence() {
        for claim in rows("claims") {
            let id = (claim["id"] ?? nil) ?? "?"
            let quote = (claim["quote"] ?? nil) ?? ""
            let sentence = (claim["sentence"] ?? nil) ?? ""
            let transcript = Transcript.of(".cite \(quote)", format: .csv, name: "<test>")
            let cited = transcript.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
            #expect(cited.contains(sentence), "\(id): .cite of its quote shows sentences \(cited), not \(sentence)")
            // By id: exactly the claim's sentence.
            let byId = Transcript.of(".cite \(id)", format: .csv, name: "<test>").output.split(separator: "\n").dropFirst()
            #expect(byId.map { $0.split(separator: ",").first.map(String.init) ?? "" } == [sentence], "\(id): .cite \(id) shows \(Array(byId))")
        }
        // Text that is no claim's id is searched for as before.
        #expect(Transcript.of(".cite c999", format: .csv, name: "<test>").output == "id,paragraph,text\n")
    }

    @Test func everyDengOfTheBodyIsInAClaimMarkedOpen() {
        // Every 等 of the body closes a list that some claim quotes and marks open.
        let open = zip(strings("claims", "quote"), strings("claims", "list_complete")).filter { $0.1 == "false" }.compactMap(\.0)
        for (id, text) in sentences where text.contains("等") {
            var from = text.startIndex
            while let deng = text.range(of: "等", range: from..<text.endIndex) {
                let marked = open.contains { quote in
                    guard quote.contains("等") else { return false }
                    // The quote covers this 等: it stands in the sentence around it.
                    var search = text.startIndex
                    while let found = text.range(of: quote, range: search..<text.endIndex) {
                        if found.contains(deng.lowerBound) { return true }
                        search = text.index(after: found.lowerBound)
                    }
                    return false
                }
                let before = text.index(deng.lowerBound, offsetBy: -4, limitedBy: text.startIndex) ?? text.startIndex
                #expect(marked, "sentence \(id): the list ending in 等 at \(text[before..<deng.upperBound]) is in no claim marked open")
                from = deng.upperBound
            }
        }
    }
}
