import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// Reads exitreadyd.conf and its drop-ins (`<file>.d/*.conf`, in lexical order, later wins),
/// systemd-style INI: `[Section]`, `Key=Value`, `#` and `;` comments; an empty value resets a
/// key to its default.
public enum ConfigurationLoader {
    /// The configuration from `path` and its drop-ins. A missing `path` means the defaults
    /// apply, unless `mustExist` (a file named on the command line), when it is an error.
    public static func load(path: String, mustExist: Bool = false) throws(ConfigurationError) -> DaemonConfiguration {
        var builder = Builder(mainFile: path)
        for file in [path] + dropIns(of: path) {
            guard let text = try readFile(file) else {
                if file == path && !mustExist { continue }
                throw ConfigurationError(file: file, line: 0, message: "cannot read: \(String(cString: strerror(ENOENT)))")
            }
            try builder.apply(text, file: file)
        }
        return try builder.finish()
    }

    /// The configuration of one file's text, on top of the defaults (for tools and fuzzing).
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> DaemonConfiguration {
        var builder = Builder(mainFile: file)
        try builder.apply(text, file: file)
        return try builder.finish()
    }

    /// `<path>.d/*.conf`, sorted.
    static func dropIns(of path: String) -> [String] {
        let directory = path + ".d"
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasSuffix(".conf") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { directory + "/" + $0 }
    }

    /// The text of a file, nil when there is none; a file that cannot be read (a directory, no
    /// permission) is an error.
    private static func readFile(_ path: String) throws(ConfigurationError) -> String? {
        func failure() -> ConfigurationError {
            ConfigurationError(file: path, line: 0, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard let file = fopen(path, "r") else {
            if errno == ENOENT { return nil }
            throw failure()
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        // fopen opens a directory; reading it fails (EISDIR).
        if ferror(file) != 0 { throw failure() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Applies files one after another and checks the result.
    struct Builder {
        var configuration = DaemonConfiguration()
        /// The file named by an error about values that no file set.
        let mainFile: String
        /// Where each key was last set (`order` counts settings in reading order), for errors
        /// about combinations.
        var origins: [String: (file: String, line: Int, order: Int)] = [:]
        private var settings = 0

        init(mainFile: String) {
            self.mainFile = mainFile
        }

        /// The lines of a file: LF or CRLF ends a line. The text is split on Unicode scalars:
        /// as a Character, "\r\n" is not "\n", and a CRLF file would be one long line.
        static func lines(_ text: String) -> [String] {
            text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        }

        mutating func apply(_ text: String, file: String) throws(ConfigurationError) {
            var section: String?
            for (index, rawLine) in Self.lines(text).enumerated() {
                let line = rawLine.trimmingWhitespace()
                let number = index + 1
                if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
                if line.hasPrefix("[") {
                    guard line.hasSuffix("]") else {
                        throw ConfigurationError(file: file, line: number, message: "a section header must end with ']'")
                    }
                    let name = String(line.dropFirst().dropLast())
                    guard Setting.sections.contains(name) else {
                        let guess = Suggestion.closest(to: name, among: Setting.sections).map { "did you mean [\($0)]? " } ?? ""
                        throw ConfigurationError(
                            file: file, line: number,
                            message: "unknown section [\(name)]; \(guess)"
                                + "known sections: " + Setting.sections.map { "[\($0)]" }.joined(separator: " "))
                    }
                    section = name
                    continue
                }
                guard let equals = line.unicodeScalars.firstIndex(of: "=") else {
                    throw ConfigurationError(file: file, line: number, message: "expected Key=Value, found \"\(line)\"")
                }
                guard let section else {
                    throw ConfigurationError(file: file, line: number, message: "\"\(line)\" comes before any [Section]")
                }
                let key = String(line.unicodeScalars[..<equals]).trimmingWhitespace()
                let value = String(line.unicodeScalars[line.unicodeScalars.index(after: equals)...]).trimmingWhitespace()
                if section == "Effort" {
                    try EffortSetting.apply(key: key, value: value, to: &configuration.effort, file: file, line: number)
                    continue
                }
                guard let setting = Setting(section: section, key: key) else {
                    throw ConfigurationError(file: file, line: number, message: Self.unknownKey(key, in: section))
                }
                do {
                    try setting.apply(value, to: &configuration)
                } catch {
                    throw ConfigurationError(file: file, line: number, message: "\(key)=\(value): \(error.reason)")
                }
                settings += 1
                origins[setting.key] = (file, number, settings)
            }
        }

        /// What to say of a key its section does not have: the section it belongs in, or the
        /// closest key there is (in whichever section), then the keys of this section.
        static func unknownKey(_ key: String, in section: String) -> String {
            if let home = Setting.allCases.first(where: { $0.key == key }) {
                return "\(key)= belongs in [\(home.section)], not [\(section)]"
            }
            let known = Setting.allCases.filter { $0.section == section }.map { $0.key + "=" }
            var guess = ""
            if let closest = Suggestion.closest(to: key, among: Setting.allCases.map(\.key)),
                let setting = Setting.allCases.first(where: { $0.key == closest })
            {
                guess =
                    setting.section == section
                    ? "did you mean \(closest)=? "
                    : "did you mean \(closest)= (in [\(setting.section)])? "
            }
            return "unknown key \(key)= in [\(section)]; \(guess)known keys: " + known.joined(separator: " ")
        }

        /// Checks what single values cannot show.
        func finish() throws(ConfigurationError) -> DaemonConfiguration {
            let scoring = configuration.scoring
            if scoring.totalWeight <= 0 {
                throw error(
                    about: ["ContractWeight", "DataroomWeight", "ProcessesWeight", "StaffWeight"],
                    "the four weights add up to 0; at least one must be positive")
            }
            if scoring.atRiskThreshold > scoring.readyThreshold {
                throw error(
                    about: ["AtRiskThreshold", "ReadyThreshold"],
                    "AtRiskThreshold= (\(scoring.atRiskThreshold)) is above "
                        + "ReadyThreshold= (\(scoring.readyThreshold))")
            }
            if scoring.criticalNoticeWindowDays > scoring.noticeWindowDays {
                throw error(
                    about: ["CriticalNoticeWindow", "NoticeWindow"], "CriticalNoticeWindow= is longer than NoticeWindow=")
            }
            return configuration
        }

        /// An error about a combination of keys, blamed on the line that set one of them last
        /// (the setting that made the combination wrong); when none was set (defaults only),
        /// on the main file without a line.
        private func error(about keys: [String], _ message: String) -> ConfigurationError {
            guard let origin = keys.compactMap({ origins[$0] }).max(by: { $0.order < $1.order }) else {
                return ConfigurationError(file: mainFile, line: 0, message: message)
            }
            return ConfigurationError(file: origin.file, line: origin.line, message: message)
        }
    }
}
