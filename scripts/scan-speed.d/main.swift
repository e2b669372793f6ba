#if canImport(Glibc)
import Glibc
#endif

// The boundary scan alone: the file is read into memory (from the page
// cache: the read itself is timed too, as the floor), then
// CSVScanner.forEachRecord finds every record's fields on this one thread.
// usage: scan-speed FILE [RUNS]   (prints the medians and the best runs)
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

@inline(never)
func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (fields: Int, records: Int) {
    var fields = 0, records = 0
    let scanner = CSVScanner(bytes: bytes, delimiter: 44, fileName: "bench")
    try scanner.forEachRecord(startingAt: 0) { found, _ in
        fields &+= found.count
        records &+= 1
    }
    return (fields, records)
}

func report(_ what: String, _ times: [Double], _ megabytes: Double) {
    let sorted = times.sorted()
    print("\(what): median \(Int(megabytes / sorted[sorted.count / 2])) MB/s, best \(Int(megabytes / sorted[0])) MB/s")
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fatalError("usage: scan-speed FILE [RUNS]") }
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 9) : 9
let descriptor = open(arguments[1], O_RDONLY)
guard descriptor >= 0 else { fatalError("cannot open \(arguments[1])") }
let size = Int(lseek(descriptor, 0, SEEK_END))
var bytes = [UInt8](repeating: 0, count: size)
var readTimes: [Double] = [], scanTimes: [Double] = []
var counted = (fields: 0, records: 0)
for _ in 0..<runs {
    lseek(descriptor, 0, SEEK_SET)
    let start = now()
    var got = 0
    bytes.withUnsafeMutableBytes { buffer in
        while got < size {
            let n = read(descriptor, buffer.baseAddress! + got, min(size - got, 1 << 20))
            if n <= 0 { break }
            got += n
        }
    }
    readTimes.append(now() - start)
    let scanStart = now()
    counted = try bytes.withUnsafeBufferPointer { try scan($0) }
    scanTimes.append(now() - scanStart)
}
let megabytes = Double(size) / 1e6
print("\(arguments[1]): \(Int(megabytes)) MB, \(counted.records) records, \(counted.fields) fields, \(runs) runs")
report("read() from the page cache", readTimes, megabytes)
report("boundary scan (CSVScanner.forEachRecord)", scanTimes, megabytes)
