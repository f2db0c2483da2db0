import ExitReadiness
import Foundation
import Testing

@testable import ExitReadinessDataroom

@Suite("Walking a dataroom folder")
struct FileTreeWalkerTests {
    /// A fresh folder under /tmp; removed when the test ends.
    final class Tree {
        let root: String
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("walker-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        func file(_ relative: String, _ content: String = "x") throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: false, encoding: .utf8)
        }

        func link(_ relative: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + relative, withDestinationPath: target)
        }
    }

    func walk(_ root: String) throws -> (paths: [String], problems: [ScanProblem]) {
        var paths: [String] = []
        let problems = try FileTreeWalker.walk(root) { paths.append(String(decoding: $0.path, as: UTF8.self)) }
        return (paths, problems)
    }

    @Test func visitsRegularFilesInByteOrderWithoutFollowingSymlinks() throws {
        let tree = try Tree()
        let outside = try Tree()
        try outside.file("secret.txt")
        try tree.file("b/z.txt")
        try tree.file("b/a.txt")
        try tree.file("a-b.txt")
        try tree.file(".hidden")
        try tree.file("empty", "")
        try tree.link("link-to-file", to: "a-b.txt")
        try tree.link("link-to-dir", to: "b")
        try tree.link("escape", to: outside.root)
        try tree.link("dangling", to: "nowhere")
        try tree.link("b/loop", to: "..")
        mkfifo(tree.root + "/fifo", 0o600)
        let (paths, problems) = try walk(tree.root)
        #expect(paths == [".hidden", "a-b.txt", "b/a.txt", "b/z.txt", "empty"])
        #expect(problems.isEmpty)
    }

    @Test func recordsSizeModeInodeAndNanosecondTimes() throws {
        let tree = try Tree()
        try tree.file("doc.pdf", "hello")
        chmod(tree.root + "/doc.pdf", 0o604)
        var times = [
            timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789),
        ]
        utimensat(AT_FDCWD, tree.root + "/doc.pdf", &times, 0)
        var found: [ScannedFile] = []
        _ = try FileTreeWalker.walk(tree.root) { found.append($0) }
        let file = try #require(found.first)
        #expect(file.size == 5)
        #expect(file.modifiedNanoseconds == 1_700_000_000_123_456_789)
        #expect(file.mode & 0o7777 == 0o604)
        #expect(file.inode != 0)
        #expect(file.dataroomFile.isWorldReadable)
        #expect(file.dataroomFile.modified == 1_700_000_000)
    }

    @Test func keepsNamesThatAreNotUTF8() throws {
        let tree = try Tree()
        let name: [UInt8] = [0x66, 0xFF, 0x0A, 0x5C]  // "f", invalid byte, newline, backslash
        let path = Array(tree.root.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        var found: [[UInt8]] = []
        _ = try FileTreeWalker.walk(tree.root) { found.append($0.path) }
        #expect(found == [name])
    }

    @Test func aMissingOrSymlinkedRootIsAnErrorForTheCaller() throws {
        let tree = try Tree()
        try tree.file("real/a")
        try tree.link("linked", to: "real")
        for path in ["/missing", "/linked", "/real/a"] {
            let error = #expect(throws: FileTreeWalker.RootError.self) { try walk(tree.root + path) }
            #expect(error?.isMissing == true, "\(path)")
        }
    }

    @Test func deepTreesAreWalked() throws {
        let tree = try Tree()
        let deep = (0..<FileTreeWalker.maximumDepth).map { "d\($0)" }.joined(separator: "/")
        try tree.file(deep + "/leaf.txt")
        let (paths, problems) = try walk(tree.root)
        #expect(paths == [deep + "/leaf.txt"])
        #expect(problems.isEmpty)
    }

    @Test func directoryDataroomGivesNilForMissingFolders() throws {
        let tree = try Tree()
        try tree.file("acme/contract/c.pdf")
        try tree.link("beta", to: "acme")
        let room = try DirectoryDataroom(root: tree.root)
        #expect(room.folder(for: "acme")?.files.map(\.displayPath) == ["contract/c.pdf"])
        #expect(room.folder(for: "beta") == nil)
        #expect(room.folder(for: "gamma") == nil)
        #expect(room.problems.isEmpty)
    }
}
