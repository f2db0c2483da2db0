import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration

#if canImport(Glibc)
    import Glibc
#endif

/// Shell completion of contract ids (`explain`, `history`, `check --contract`): the ids the
/// daemon scores when it answers within a second, else the `contracts/*.yaml` names of the
/// inventory directory on the command line (`--inventory`) or the default one.
package enum ContractCompletion {
    package static let kind = CompletionKind.custom { words, _, prefix in candidates(words: words, prefix: prefix) }

    /// The ids starting with `prefix`, sorted. `words` are the shell words of the command line.
    static func candidates(words: [String], prefix: String) -> [String] {
        var ids = daemonIDs(socket: value(of: "--socket", in: words))
        if ids.isEmpty { ids = inventoryIDs(value(of: "--inventory", in: words) ?? DefaultPaths.inventory) }
        return Set(ids.filter { $0.hasPrefix(prefix) }).sorted()
    }

    /// The value of `--name value` or `--name=value`, the last one given.
    static func value(of name: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == name, index + 1 < words.count { found = words[index + 1] }
            if word.hasPrefix(name + "=") { found = String(word.dropFirst(name.count + 1)) }
        }
        return found
    }

    private static func daemonIDs(socket: String?) -> [String] {
        let arguments = (socket.map { ["--socket", $0] } ?? []) + ["--timeout", "1"]
        guard let options = try? OnlineOptions.parse(arguments) else { return [] }
        return OnlineClient.contractIDs(options: options)
    }

    /// The names of `directory/contracts/*.yaml` without `.yaml` that are contract ids.
    static func inventoryIDs(_ directory: String) -> [String] {
        guard let stream = opendir(directory + "/contracts") else { return [] }
        defer { closedir(stream) }
        var ids: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(".yaml") else { continue }
            let id = String(name.dropLast(5))
            if Contract.isValidID(id) { ids.append(id) }
        }
        return ids
    }
}
