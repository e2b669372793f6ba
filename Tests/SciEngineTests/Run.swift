import SciShell

/// The CSV a statement prints (a compact form to compare against).
func csv(_ text: String) -> String {
    let transcript = Transcript.of(text, format: .csv)
    return transcript.errors == 0 ? transcript.output : "ERROR: " + transcript.messages
}

/// The first error message a statement reports, without its location.
func failure(_ text: String) -> String {
    let transcript = Transcript.of(text, format: .csv)
    guard transcript.errors > 0 else { return "no error; printed: " + transcript.output }
    let first = transcript.messages.split(separator: "\n").first.map(String.init) ?? ""
    guard let range = first.firstRange(of: "error: ") else { return first }
    return String(first[range.upperBound...])
}
