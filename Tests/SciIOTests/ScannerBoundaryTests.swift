import SciEngine
@testable import SciIO
import SciLanguage
import Testing

/// The scanner finds unquoted fields' ends from 64-byte SIMD masks; these
/// compare it with a byte-at-a-time reference on random files whose fields
/// end at every offset of a mask (long fields, Chinese, CR, CRLF, quotes),
/// and check the byte-level date reading against `DateText.date`.
@Suite struct ScannerBoundaryTests {
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    enum Outcome: Equatable {
        case records([[String]])
        case failure(String)
    }

    /// Records as field texts (quoted ones marked), or the error's message,
    /// by the rules CSVScanner documents, one byte at a time.
    func reference(_ b: [UInt8], delimiter: UInt8) -> Outcome {
        var records: [[String]] = []
        var i = 0
        let n = b.count
        while i < n {
            var fields: [String] = []
            while true {
                if i < n, b[i] == 34 {
                    i += 1
                    var value: [UInt8] = []
                    while true {
                        guard i < n else { return .failure("unterminated quoted field") }
                        if b[i] == 34 {
                            if i + 1 < n, b[i + 1] == 34 { value.append(34); i += 2; continue }
                            break
                        }
                        value.append(b[i])
                        i += 1
                    }
                    i += 1
                    if i < n, b[i] != delimiter, b[i] != 10, b[i] != 13 { return .failure("unexpected text after a closing quote") }
                    fields.append("q:" + String(decoding: value, as: UTF8.self))
                } else {
                    let start = i
                    while i < n, b[i] != delimiter, b[i] != 10, b[i] != 13 { i += 1 }
                    fields.append(String(decoding: b[start..<i], as: UTF8.self))
                }
                if i < n, b[i] == delimiter { i += 1; continue }
                break
            }
            if i < n, b[i] == 13 { i += 1 }
            if i < n, b[i] == 10 { i += 1 }
            if fields == [""] { continue }
            records.append(fields)
        }
        return .records(records)
    }

    func scanned(_ b: [UInt8], delimiter: UInt8) -> Outcome {
        b.withUnsafeBufferPointer { buffer in
            let scanner = CSVScanner(bytes: buffer, delimiter: delimiter, fileName: "t.csv")
            var records: [[String]] = []
            do {
                try scanner.forEachRecord(startingAt: 0) { fields, _ in
                    records.append(fields.map { ($0.quoted ? "q:" : "") + scanner.text($0) })
                }
            } catch let diagnostic as Diagnostic {
                return .failure(diagnostic.message)
            } catch {
                return .failure("\(error)")
            }
            return .records(records)
        }
    }

    @Test func fieldEndsAgreeWithAByteByByteReading() {
        var numbers = Numbers(state: 3)
        let pieces: [[UInt8]] = ["a", "bc", "中", "区域1", " ", "\n", "\r\n", "\r", "\"", "\"x\"", "\"a,b\n\"\"c\"", String(repeating: "长", count: 30), String(repeating: "y", count: 70)].map { Array($0.utf8) }
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";")] {
            for round in 0..<600 {
                var bytes: [UInt8] = []
                let length = numbers.next(round < 300 ? 40 : 200)
                for _ in 0..<length {
                    // Mostly plain fields, so that most files are well formed.
                    let pick = numbers.next(10)
                    if pick < 4 { bytes.append(delimiter) } else if pick < 5 { bytes.append(10) } else {
                        let piece = pieces[numbers.next(pieces.count)]
                        if piece.contains(34), numbers.next(3) != 0 { continue }
                        bytes += piece
                    }
                }
                #expect(scanned(bytes, delimiter: delimiter) == reference(bytes, delimiter: delimiter), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }

    @Test func aFieldMayEndAtEveryOffsetOfAMask() {
        // Field lengths 0 through 140 in one file: every end position
        // relative to a 64-byte mask, and fields longer than one mask.
        var text = ""
        for length in 0...140 { text += String(repeating: "z", count: length) + (length % 3 == 0 ? "\r\n" : ",") }
        let bytes = Array(text.utf8)
        #expect(scanned(bytes, delimiter: 44) == reference(bytes, delimiter: 44))
    }

    @Test func isoDatesAreReadAsDateTextReadsThem() {
        let texts = ["2023-03-27", "2024-02-29", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-04-30", "0001-01-01",
                     "9999-12-31", "2023-1-01", "2023-01-1x", "2023/03/27", "2023-03-270", " 2023-03-27", "2023-03", "abcd-ef-gh", "1900-02-29", "2000-02-29"]
        for text in texts {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { ISODate.parse($0, 0, $0.count) }
            // Never a date DateText reads otherwise; nil only where it may fall back.
            if let fast { #expect(fast == DateText.date(text), "\(text)") }
            if text.utf8.count == 10, DateText.date(text) != nil, text.contains("-") { #expect(fast != nil, "\(text)") }
        }
    }
}
