#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists the entries of an inventory directory.
enum DirectoryListing {
    /// Entry names (without `.` and `..`), sorted by their bytes.
    static func names(in path: String) throws(Diagnostic) -> [String] {
        guard let directory = opendir(path) else {
            throw TextFile.failure(path, "cannot open the directory")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
