/// A value from a file, shown inside an error message: quoted, with line
/// breaks, tabs and other control characters escaped so the message stays
/// on its line, and cut short when long.
enum MessageText {
    static func quoted(_ value: String, limit: Int = 60) -> String {
        var out = "\""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit { out += "…"; break }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
