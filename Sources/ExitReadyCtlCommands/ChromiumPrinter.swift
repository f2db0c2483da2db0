import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prints an HTML file to PDF with headless Chromium, run as a child process with a deadline.
struct ChromiumPrinter {
    /// The Debian package that provides `chromium`.
    static let package = "chromium"

    /// Why printing failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `chromium` executable on `PATH`.
    let executable: String

    /// Chromium found on `PATH`, or nil.
    static func onPath() -> ChromiumPrinter? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return ChromiumPrinter(executable: candidate) }
        }
        return nil
    }

    /// Prints `html` to the PDF file `output`, A4 as the page's print stylesheet asks, without
    /// Chromium's own header and footer. Chromium gets a profile of its own in a temporary
    /// directory (removed afterwards) and is killed after `deadline`.
    func print(html: [UInt8], to output: String, deadline: Duration) throws {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("exitready-report-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create a temporary directory: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: work) }
        let page = work.appendingPathComponent("report.html")
        let pdf = work.appendingPathComponent("report.pdf")
        guard manager.createFile(atPath: page.path, contents: Data(html)) else {
            throw Failure(description: "cannot write \(page.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)", "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw Failure(description: "\(executable) did not print the report within \(Int(seconds)) seconds")
        }
        guard process.terminationStatus == 0, let bytes = manager.contents(atPath: pdf.path), !bytes.isEmpty else {
            throw Failure(description: "\(executable) failed to print the report (exit status \(process.terminationStatus))")
        }
        do {
            try AtomicFile.write([UInt8](bytes), to: output)
        } catch {
            throw Failure(description: "cannot write \(output): \(error)")
        }
    }
}
