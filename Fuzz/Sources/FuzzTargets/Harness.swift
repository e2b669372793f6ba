import FuzzDriver
import SciIO
#if canImport(Glibc)
import Glibc
#endif

/// Hands the command line to libFuzzer, which calls back once per input.
public enum Harness {
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    public static func run(_ callback: Callback) -> Never {
        warmUp(callback)
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
    }

    /// Runs every input of the corpus folders on the command line once with
    /// leak reports off. The first inputs fill lazily made constants (the
    /// dataset, the stage and function tables), which live for the whole
    /// process; Swift keeps some of their pointers with spare bits set, which
    /// LeakSanitizer cannot follow, so it would report them as leaked.
    static func warmUp(_ callback: Callback) {
        __lsan_disable()
        defer { __lsan_enable() }
        _ = callback(nil, 0)
        for argument in CommandLine.arguments.dropFirst() where !argument.hasPrefix("-") {
            guard let folder = opendir(argument) else { continue }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = FileSystem.entryName(entry)
                guard !name.hasPrefix(".") else { continue }
                guard let file = fopen(argument + "/" + name, "rb") else { continue }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = fread(&buffer, 1, buffer.count, file)
                    if n <= 0 { break }
                    bytes += buffer[0..<n]
                }
                fclose(file)
                _ = bytes.withUnsafeBufferPointer { callback($0.baseAddress, $0.count) }
            }
        }
    }

    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
