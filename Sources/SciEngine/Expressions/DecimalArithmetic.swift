import SciLanguage

/// `+ - * / %` over integers and exact decimals, giving a decimal: `+ - %`
/// at the larger of the two scales, `*` at the sum of the scales (rounded
/// half away from zero to 18 places when the sum is larger), `/` exact when
/// the quotient ends within 18 digits and to 15 significant digits when it
/// does not (see DecimalMeans). A result that does
/// not fit 64 bits (about 18 digits) is an error, as an integer overflow is:
/// it never wraps, rounds or turns into a float by itself.
enum DecimalArithmetic {
    static func evaluate(_ op: BinaryOperator, _ a: Operand, _ b: Operand, nulls: [Bool]?, range: SourceRange, rowCount: Int) throws -> Column {
        let sa = Comparison.operandScale(a), sb = Comparison.operandScale(b)
        var resultNulls = nulls ?? [Bool](repeating: false, count: rowCount)
        var result = [Int64](repeating: 0, count: rowCount)
        if op == .divide {
            // x / y = (x units · 10^sy) / (y units), at x's scale; by zero, null.
            let x = Arithmetic.values(a, rowCount, Comparison.wideSide(a, sa))
            let y = Arithmetic.values(b, rowCount, Comparison.wideSide(b, sb))
            // Each of these arrays is tens of megabytes of fresh pages.
            try Cancellation.check()
            var numerators = [Int128](repeating: 0, count: rowCount)
            var denominators = [Int64](repeating: 0, count: rowCount)
            let shift = Int128(ExactDecimal.powers[sb])
            for i in 0..<rowCount where !resultNulls[i] {
                try Cancellation.check(row: i)
                let sign: Int128 = y[i] < 0 ? -1 : 1
                numerators[i] = x[i] * shift * sign
                denominators[i] = Int64(truncatingIfNeeded: y[i] * sign)
            }
            do {
                return try DecimalMeans.column(numerators, denominators, scale: sa, nulls: resultNulls)
            } catch let overflow as Diagnostic where overflow.range == nil {
                throw Diagnostic(message: overflow.message, range: range)
            }
        }
        if op == .multiply {
            let x = Arithmetic.values(a, rowCount, Comparison.wideSide(a, sa))
            let y = Arithmetic.values(b, rowCount, Comparison.wideSide(b, sb))
            let productScale = sa + sb
            let scale = min(productScale, ExactDecimal.maxScale)
            let divisor = Int128(ExactDecimal.powers[productScale - scale])
            for i in 0..<rowCount where !resultNulls[i] {
                try Cancellation.check(row: i)
                let (product, overflow) = x[i].multipliedReportingOverflow(by: y[i])
                let rounded: Int128 = divisor == 1 ? product : Int128(ExactDecimal.divideRounding(product, by: divisor))
                guard !overflow, let units = fitting(rounded) else {
                    throw overflowError(op, cell(a, i), cell(b, i), range)
                }
                result[i] = units
            }
            return Column(.decimal(result, scale: scale), nulls: resultNulls)
        }
        let scale = max(sa, sb)
        let x = Arithmetic.values(a, rowCount, Comparison.wideSide(a, scale))
        let y = Arithmetic.values(b, rowCount, Comparison.wideSide(b, scale))
        for i in 0..<rowCount where !resultNulls[i] {
            try Cancellation.check(row: i)
            let value: Int128
            switch op {
            case .add: value = x[i] + y[i]
            case .subtract: value = x[i] - y[i]
            default:
                if y[i] == 0 { resultNulls[i] = true; continue }
                value = x[i] % y[i]
            }
            guard let units = fitting(value) else {
                throw overflowError(op, cell(a, i), cell(b, i), range)
            }
            result[i] = units
        }
        return Column(.decimal(result, scale: scale), nulls: resultNulls)
    }

    /// Units that a decimal column can hold: 64 bits, Int64.min excluded so
    /// that negation never overflows.
    @inline(__always)
    static func fitting(_ value: Int128) -> Int64? {
        guard value > Int128(Int64.min), value <= Int128(Int64.max) else { return nil }
        return Int64(value)
    }

    static func cell(_ operand: Operand, _ row: Int) -> Value {
        switch operand {
        case .column(let c): return c[row]
        case .scalar(let v): return v
        }
    }

    static func overflowError(_ op: BinaryOperator, _ x: Value, _ y: Value, _ range: SourceRange) -> Diagnostic {
        Diagnostic(message: "decimal overflow in \(x) \(op.rawValue) \(y): the result needs more than 18 digits; float(x) computes with floats instead", range: range)
    }
}
