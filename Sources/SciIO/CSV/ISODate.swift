import SciEngine
import SciLanguage

/// `YYYY-MM-DD`, the common spelling of a date in a CSV file, read straight
/// from the field's bytes: no String per field (`DateText.date` makes one).
/// It gives a date only where `DateText.date` gives the same one, and nil
/// for anything else, which the caller then reads the general way.
enum ISODate {
    @inline(__always)
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> DateValue? {
        guard end - start == 10, b[start + 4] == 45, b[start + 7] == 45 else { return nil }
        var year = 0, month = 0, day = 0
        for k in 0..<10 where k != 4 && k != 7 {
            let digit = b[start + k] &- 48
            guard digit < 10 else { return nil }
            if k < 4 { year = year * 10 + Int(digit) } else if k < 7 { month = month * 10 + Int(digit) } else { day = day * 10 + Int(digit) }
        }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        return DateValue(days: CivilDate(year: year, month: month, day: day).days, monthPrecision: false)
    }
}
