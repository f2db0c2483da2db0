import ExitReadyCtlOnline

#if canImport(Glibc)
    import Glibc
#endif

/// The program that runs every exitreadyctl command: exitreadyd's binary started under the name
/// exitreadyctl. It is installed as `PREFIX/libexec/exitready/exitreadyctl` beside `PREFIX/bin`,
/// and in a build directory it is the `exitreadyd` beside this binary.
enum OfflineHelper {
    /// EX_UNAVAILABLE from sysexits.h: the installation is incomplete.
    static let unavailable: Int32 = 69

    /// Replaces this process with the helper, given `arguments` as they came.
    static func run(arguments: [String]) -> Never {
        let candidates = self.candidates
        for path in candidates where access(path, X_OK) == 0 {
            let argv = (["exitreadyctl"] + arguments).map { strdup($0) } + [nil]
            execv(path, argv)
            Output.error("exitreadyctl: cannot run \(path): \(String(cString: strerror(errno)))")
            Output.finish(status: unavailable)
        }
        Output.error(
            "exitreadyctl: the program for this command is missing: none of "
                + candidates.joined(separator: ", ") + " exists; reinstall exitready")
        Output.finish(status: unavailable)
    }

    /// Where the helper may be, in order: the installed layout (`PREFIX/bin` beside
    /// `PREFIX/libexec`), then the build directory.
    static var candidates: [String] {
        let directory = executableDirectory
        let prefix = directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? directory + "/.."
        return [prefix + "/libexec/exitready/exitreadyctl", directory + "/exitreadyd"]
    }

    /// The directory of this binary, symbolic links resolved.
    private static var executableDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
