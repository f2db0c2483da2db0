import Synchronization

extension Evaluation {
    /// Contracts encoded together on one core when the document is streamed.
    static let streamBatch = 128

    /// Writes the document of `json`, byte for byte as `json.encoded(pretty:)`, as it is produced:
    /// the contracts are encoded a few hundred at a time, on every core, and handed to `sink` in
    /// order, so that the document (hundreds of megabytes at ten thousand contracts) is never
    /// whole in memory.
    public func writeJSON(pretty: Bool, to sink: ([UInt8]) -> Void) {
        var head: [UInt8] = []
        withProvenance([("evaluated", .string(evaluated.iso)), ("portfolio", portfolio.json)])
            .encode(into: &head, pretty: pretty, depth: 0)
        head.removeLast(pretty ? 2 : 1)  // the closing brace, and the newline before it
        head.append(contentsOf: (pretty ? ",\n  \"contracts\": [" : ",\"contracts\":[").utf8)
        sink(head)

        let batches = (contracts.count + Self.streamBatch - 1) / Self.streamBatch
        let round = max(1, UsableCores.count) * 4
        var first = 0
        while first < batches {
            let last = min(first + round, batches)
            let encoded = Mutex([[UInt8]](repeating: [], count: last - first))
            ParallelWork.run(iterations: last - first) { offset in
                let batch = first + offset
                var bytes: [UInt8] = []
                for index in batch * Self.streamBatch..<min((batch + 1) * Self.streamBatch, contracts.count) {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    if pretty { bytes.append(contentsOf: "\n    ".utf8) }
                    contracts[index].json(today: evaluated).encode(into: &bytes, pretty: pretty, depth: 2)
                }
                encoded.withLock { $0[offset] = bytes }
            }
            for bytes in encoded.withLock({ $0 }) { sink(bytes) }
            first = last
        }
        let tail = pretty ? (contracts.isEmpty ? "]\n}" : "\n  ]\n}") : "]}"
        sink(Array(tail.utf8))
    }
}
