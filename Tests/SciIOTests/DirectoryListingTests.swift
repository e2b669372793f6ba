import Foundation
import SciIO
import Testing

/// Found by fuzzing the completer: listing a folder copied each entry's
/// whole 256-byte name field, reading past the end of the directory buffer
/// for a short last entry (AddressSanitizer: heap-buffer-overflow in
/// FileSystem.list). Names of every length, Chinese included, come back whole.
@Suite struct DirectoryListingTests {
    @Test func namesOfEveryLengthAreListedWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scicity-list-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String] = ["科学城.csv", "a"]
        for length in stride(from: 2, through: 255, by: 7) { names.append(String(repeating: "x", count: length - 1) + "y") }
        for name in names { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()) }
        #expect(FileSystem.list(folder.path) == names.sorted())
        #expect(FileSystem.list(folder.path + "/missing") == [])
    }
}
