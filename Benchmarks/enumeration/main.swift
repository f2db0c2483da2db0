// Compares ways of listing every regular file of a tree with its size, mtime, inode and mode,
// the work of a dataroom rescan: Foundation's FileManager enumerator, fts(3), and
// opendir/readdir + fstatat as exitready's FileTreeWalker does (re-implemented here in
// miniature so the comparison builds with swiftc alone).
//
//   swiftc -O -import-objc-header fts-shim.h main.swift -o /tmp/enumeration && /tmp/enumeration DIR
import Foundation
import Glibc

func seconds(_ body: () -> Int) -> (Double, Int) {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let count = body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return (Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9, count)
}

func fileManager(_ root: String) -> Int {
    let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey, .fileResourceIdentifierKey]
    var count = 0
    let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: keys)!
    for case let url as URL in enumerator {
        if let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true, values.fileSize != nil {
            count += 1
        }
    }
    return count
}

func fts(_ root: String) -> Int {
    var count = 0
    root.withCString { path in
        var paths: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        guard let handle = fts_open(&paths, FTS_PHYSICAL | FTS_NOCHDIR, nil) else { return }
        while let entry = fts_read(handle) {
            if entry.pointee.fts_info == FTS_F, entry.pointee.fts_statp.pointee.st_size >= 0 { count += 1 }
        }
        fts_close(handle)
        free(paths[0])
    }
    return count
}

func readdirFstatat(_ root: String) -> Int {
    var count = 0
    var stack = [open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)]
    var status = stat()
    while let descriptor = stack.popLast() {
        guard descriptor >= 0, let directory = fdopendir(dup(descriptor)) else { continue }
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || type == UInt8(DT_LNK) { return }
                if type == UInt8(DT_DIR) {
                    stack.append(openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW))
                } else if fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFREG {
                    count += 1
                }
            }
        }
        closedir(directory)
        close(descriptor)
    }
    return count
}

let root = CommandLine.arguments[1]
for (name, method) in [("FileManager.enumerator", fileManager), ("fts_open/fts_read", fts), ("readdir + fstatat", readdirFstatat)] {
    _ = method(root)  // warm the caches
    let (time, count) = seconds { method(root) }
    print("\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%.3f", time)) s  \(count) files")
}
