import Foundation
import Testing

@testable import ExitReadinessConfiguration

@Suite("exitreadyd.conf")
struct ConfigurationLoaderTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conf-\(UUID().uuidString)").path
        init() throws {
            try FileManager.default.createDirectory(atPath: path + "/exitreadyd.conf.d", withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var main: String { path + "/exitreadyd.conf" }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
        }
    }

    @Test func aMissingFileGivesTheDefaults() throws {
        let folder = try Folder()
        #expect(try ConfigurationLoader.load(path: folder.main) == DaemonConfiguration())
    }

    /// `exitreadyd --config FILE`: a typo in the path must not run the daemon on the defaults.
    @Test func aMissingFileThatMustExistIsAnErrorNamingIt() throws {
        let folder = try Folder()
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main, mustExist: true) }
        #expect(error?.description == folder.main + ": cannot read: No such file or directory")
    }

    @Test func everyKeyIsReadAndDropInsWinInLexicalOrder() throws {
        let folder = try Folder()
        try folder.write(
            "exitreadyd.conf",
            """
            # comment
            ; another
            [Inventory]
            Directory = /srv/inventory
            Checklist=/srv/checklist.yaml
            [Dataroom]
            Root=/mnt/dataroom
            [Daemon]
            Database=/var/lib/x/x.db
            Socket=/run/x/socket
            SocketMode=0666
            Interval=1h 30min
            AdminGroup=sourcing
            HistoryRetention=2w
            MetricsFile=/var/lib/prometheus/node-exporter/exitready.prom
            [Scoring]
            ContractWeight=40
            DataroomWeight=20
            ProcessesWeight=20
            StaffWeight=20
            ReadyThreshold=85
            AtRiskThreshold=65.5
            [Alerts]
            DropThreshold=2.5
            NoticeWindow=90d
            CriticalNoticeWindow=2w
            [Report]
            Title=Exit readiness — Q4 board pack
            """)
        try folder.write("exitreadyd.conf.d/20-later.conf", "[Daemon]\nInterval=5min\n")
        try folder.write("exitreadyd.conf.d/10-earlier.conf", "[Daemon]\nInterval=1min\nAdminGroup=\n")
        try folder.write("exitreadyd.conf.d/ignored.txt", "garbage")
        let configuration = try ConfigurationLoader.load(path: folder.main)
        #expect(configuration.inventoryDirectory == "/srv/inventory" && configuration.checklist == "/srv/checklist.yaml")
        #expect(configuration.dataroomRoot == "/mnt/dataroom" && configuration.database == "/var/lib/x/x.db")
        #expect(configuration.socket == "/run/x/socket" && configuration.socketMode == 0o666)
        #expect(configuration.interval == 300, "20-later.conf is read last")
        #expect(configuration.adminGroup == nil, "an empty value resets to the default")
        #expect(configuration.historyRetentionDays == 14)
        #expect(configuration.metricsFile == "/var/lib/prometheus/node-exporter/exitready.prom")
        #expect(configuration.scoring.contractWeight == 40 && configuration.scoring.atRiskThreshold == 65.5)
        #expect(configuration.scoring.readyThreshold == 85 && configuration.dropThreshold == 2.5)
        #expect(configuration.scoring.noticeWindowDays == 90 && configuration.scoring.criticalNoticeWindowDays == 14)
        #expect(configuration.reportTitle == "Exit readiness — Q4 board pack")
    }

    @Test(arguments: [
        ("[Daemon]\nIntervall=5min\n", 2, "unknown key Intervall= in [Daemon]"),
        ("[Deamon]\n", 1, "unknown section [Deamon]"),
        ("Interval=5min\n", 1, "\"Interval=5min\" comes before any [Section]"),
        ("[Daemon]\nInterval=soon\n", 2, "Interval=soon: expected a duration"),
        ("[Daemon]\nInterval=0\n", 2, "expected a duration from 1s to 7d"),
        ("[Daemon]\nSocketMode=0999\n", 2, "expected an octal mode"),
        ("[Daemon]\nDatabase=relative.db\n", 2, "expected an absolute path"),
        ("[Daemon]\nMetricsFile=exitready.prom\n", 2, "MetricsFile=exitready.prom: expected an absolute path"),
        ("[Scoring]\nReadyThreshold=120\n", 2, "expected a number from 0 to 100"),
        ("[Scoring]\nStaffWeight=-1\n", 2, "expected a number from 0 to 1000000"),
        ("[Alerts]\nNoticeWindow=120\n", 2, "a bare number is seconds; write whole days, such as 120d"),
        ("[Alerts]\nNoticeWindow=36h\n", 2, "expected whole days"),
        ("[Scoring]\nReadyThreshold=50\n", 2, "AtRiskThreshold= (60.0) is above ReadyThreshold= (50.0)"),
        ("[Alerts]\nCriticalNoticeWindow=200d\n", 2, "CriticalNoticeWindow= is longer than NoticeWindow="),
        ("[Scoring]\nContractWeight=0\nDataroomWeight=0\nProcessesWeight=0\nStaffWeight=0\n", 5, "add up to 0"),
        ("[Daemon\n", 1, "must end with ']'"),
        ("[Report]\nTitle=" + String(repeating: "x", count: 201) + "\n", 2, "expected a title of at most 200 characters"),
        ("[Report]\nTitle=a\u{1B}[2Jb\n", 2, "expected a title without control characters"),
        ("[Daemon]\njust text\n", 2, "expected Key=Value"),
    ])
    func badValuesNameFileAndLine(_ text: String, _ line: Int, _ message: String) throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf", text)
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main) }
        #expect(error?.file == folder.main)
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    /// Typos and keys in the wrong section get a suggestion an operator can act on.
    @Test(arguments: [
        ("[Alerts]\nDropTreshold=3\n", 2, "unknown key DropTreshold= in [Alerts]; did you mean DropThreshold=? known keys: "),
        ("[Daemon]\nDropThreshold=3\n", 2, "DropThreshold= belongs in [Alerts], not [Daemon]"),
        ("[Daemon]\ninterval=5min\n", 2, "unknown key interval= in [Daemon]; did you mean Interval=? "),
        (
            "[Daemon]\nReadyTreshold=70\n", 2,
            "unknown key ReadyTreshold= in [Daemon]; did you mean ReadyThreshold= (in [Scoring])? "
        ),
        ("[Daemon]\nColour=yes\n", 2, "unknown key Colour= in [Daemon]; known keys: Database= "),
        ("[Alert]\n", 1, "unknown section [Alert]; did you mean [Alerts]? known sections: "),
    ])
    func mistakesGetASuggestion(_ text: String, _ line: Int, _ message: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "/etc/x.conf") }
        #expect(error?.line == line)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test func effortsAreSetPerCodeAndResetByAnEmptyValue() throws {
        let configuration = try ConfigurationLoader.parse("[Effort]\nC03=15\nP02=1.5\nS03=7\nS03=\n", file: "/etc/x.conf")
        #expect(configuration.effort.days(for: .c03) == 15)
        #expect(configuration.effort.days(for: .p02) == 1.5)
        #expect(configuration.effort.days(for: .s03) == 20)
        #expect(configuration.effort.days(for: .c01) == 10)
    }

    /// Codes that cost no points have no effort; values are half-days up to a year.
    @Test(arguments: [
        ("[Effort]\nc03=5\n", 2, "unknown key c03= in [Effort]; did you mean C03=? "),
        ("[Effort]\nC3=5\n", 2, "unknown key C3= in [Effort]; the keys are the finding codes that cost points: C01–C17, "),
        ("[Effort]\n\nT01=5\n", 3, "unknown key T01= in [Effort]; "),
        ("[Effort]\nD90=1\n", 2, "unknown key D90= in [Effort]; "),
        ("[Effort]\nC02=0\n", 2, "C02=0: expected days in steps of 0.5, from 0.5 to 365"),
        ("[Effort]\nC02=0.7\n", 2, "C02=0.7: expected days in steps of 0.5"),
        ("[Effort]\nC02=365.5\n", 2, "C02=365.5: expected days in steps of 0.5"),
        ("[Effort]\nC02=-1\n", 2, "C02=-1: expected days"),
        ("[Effort]\nC02=two\n", 2, "C02=two: expected days"),
        ("[Efort]\n", 1, "unknown section [Efort]; did you mean [Effort]? "),
    ])
    func badEffortsNameTheirLine(_ text: String, _ line: Int, _ message: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "/etc/x.conf") }
        #expect(error?.line == line)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test func errorsInDropInsNameTheDropIn() throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf.d/50-site.conf", "\n\n[Alerts]\nDropThreshold=lots\n")
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main) }
        #expect(
            error?.description == folder.path
                + "/exitreadyd.conf.d/50-site.conf:4: DropThreshold=lots: expected a number from 0 to 100")
    }

    /// A directory where a file is expected was read as an empty file: its settings silently
    /// missing, the defaults used.
    @Test func aDirectoryInPlaceOfAFileIsAnError() throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf", "[Daemon]\nInterval=5min\n")
        try FileManager.default.createDirectory(
            atPath: folder.path + "/exitreadyd.conf.d/50-site.conf",
            withIntermediateDirectories: true)
        let dropIn = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main) }
        #expect(dropIn?.description == folder.path + "/exitreadyd.conf.d/50-site.conf: cannot read: Is a directory")

        let main = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(path: folder.path + "/exitreadyd.conf.d")
        }
        #expect(main?.description == folder.path + "/exitreadyd.conf.d: cannot read: Is a directory")
    }

    // Line ends: a file saved with CRLF reads exactly as with LF (it used to be one long line:
    // as a Character, "\r\n" is not "\n"). The shipped file starts with a comment, so with CRLF
    // every setting was silently ignored.
    @Test func crlfLineEndsReadLikeLF() throws {
        let text = "# comment\n[Daemon]\nInterval=1h\nHistoryRetention=30d\n[Scoring]\nReadyThreshold=85\n"
        let lf = try ConfigurationLoader.parse(text, file: "/x.conf")
        let crlf = try ConfigurationLoader.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "/x.conf")
        #expect(lf == crlf)
        #expect(crlf.interval == 3600 && crlf.historyRetentionDays == 30 && crlf.scoring.readyThreshold == 85)
        #expect(try ConfigurationLoader.parse("[Daemon]\r\nInterval=15min\r\n", file: "/x.conf").interval == 900)
    }

    @Test func crlfErrorsNameTheirLine() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("# comment\r\n[Daemon]\r\nInterval=banana\r\n", file: "/x.conf")
        }
        #expect(error?.description == "/x.conf:3: Interval=banana: expected a duration from 1s to 7d, such as 15min or 1h")
    }

    @Test func theShippedFileReadsTheSameWithCRLF() throws {
        let shipped = try String(
            contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/etc/exitready/exitreadyd.conf",
            encoding: .utf8)
        // As shipped (all comments) plus one bad value: found with either line end.
        let lines = shipped.split(separator: "\n", omittingEmptySubsequences: false).count
        let bad = (shipped + "[Daemon]\nInterval=banana\n").replacingOccurrences(of: "\n", with: "\r\n")
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(bad, file: "/x.conf") }
        #expect(error?.line == lines + 1)
        // Every key uncommented at its default.
        let uncommented =
            shipped.split(separator: "\n").map {
                $0.hasPrefix("#") && $0.contains("=") && !$0.hasPrefix("# ") ? $0.dropFirst() : $0
            }
            .joined(separator: "\n") + "\n"
        let lf = try ConfigurationLoader.parse(uncommented, file: "/x.conf")
        #expect(lf == DaemonConfiguration())
        #expect(try ConfigurationLoader.parse(uncommented.replacingOccurrences(of: "\n", with: "\r\n"), file: "/x.conf") == lf)
    }

    // Interval= is bounded (1s to 7d): an accepted interval must be one the evaluator can wait
    // for (it used to take 300000000y, and 309 nines as infinity, and then trap).
    @Test(arguments: [
        "8d", "2w", "300000000y", String(repeating: "9", count: 400), String(repeating: "9", count: 400) + "y",
        "0.5s", "900ms",
    ])
    func intervalsOutOfRangeAreRejected(_ value: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("[Daemon]\nInterval=\(value)\n", file: "/x.conf")
        }
        #expect(error?.line == 2)
        #expect(error?.message.hasSuffix("expected a duration from 1s to 7d, such as 15min or 1h") == true)
    }

    @Test func intervalBoundsAreAccepted() throws {
        #expect(try ConfigurationLoader.parse("[Daemon]\nInterval=1s\n", file: "/x.conf").interval == 1)
        #expect(try ConfigurationLoader.parse("[Daemon]\nInterval=7d\n", file: "/x.conf").interval == 604_800)
        #expect(try ConfigurationLoader.parse("[Daemon]\nInterval=1w\n", file: "/x.conf").interval == 604_800)
    }

    @Test(
        arguments: [
            ("HistoryRetention=36501d", "expected whole days from 1 to 36500"),
            ("HistoryRetention=" + String(repeating: "9", count: 400) + "d", "expected a duration in days"),
            ("NoticeWindow=36501d", "expected whole days from 0 to 36500"),
            ("CriticalNoticeWindow=" + String(repeating: "9", count: 400) + "d", "expected a duration in days"),
        ] as [(String, String)])
    func dayWindowsOutOfRangeAreRejected(_ line: String, _ message: String) throws {
        let section = line.hasPrefix("History") ? "[Daemon]" : "[Alerts]"
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("\(section)\n\(line)\n", file: "/x.conf")
        }
        #expect(error?.line == 2)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func infiniteDurationsAreNotDurations() {
        #expect(SystemdDuration.seconds(String(repeating: "9", count: 400)) == nil)
        #expect(SystemdDuration.seconds(String(repeating: "9", count: 305) + "y") == nil)
        #expect(SystemdDuration.seconds("1" + String(repeating: "0", count: 300) + "s") == 1e300)
    }

    // Weights are bounded, so that their sum cannot overflow (two weights of 1e308 made every
    // score NaN).
    @Test func weightsWhoseSumWouldOverflowAreRejected() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("[Scoring]\nContractWeight=1e308\nDataroomWeight=1e308\n", file: "/x.conf")
        }
        #expect(error?.description == "/x.conf:2: ContractWeight=1e308: expected a number from 0 to 1000000")
        let largest = try ConfigurationLoader.parse(
            "[Scoring]\nContractWeight=1000000\nDataroomWeight=1000000\n"
                + "ProcessesWeight=1000000\nStaffWeight=1000000\n", file: "/x.conf")
        #expect(largest.scoring.totalWeight == 4_000_000)
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.parse("[Scoring]\nStaffWeight=inf\n", file: "/x.conf")
        }
    }

    // An error about a combination of values points at the line that set one of them last,
    // whatever else the file sets (it used to point at an arbitrary key's line, which changed
    // from run to run).
    @Test(
        arguments: [
            ("[Daemon]\nInterval=5min\nHistoryRetention=30d\n[Scoring]\nReadyThreshold=50\n[Alerts]\nDropThreshold=3\n", 5),
            ("[Daemon]\nInterval=5min\n[Alerts]\nNoticeWindow=10d\nDropThreshold=3\n", 4),
            ("[Scoring]\nAtRiskThreshold=70\n[Daemon]\nInterval=5min\n[Scoring]\nReadyThreshold=65\n", 6),
            ("[Scoring]\nReadyThreshold=65\n[Daemon]\nInterval=5min\n[Scoring]\nAtRiskThreshold=70\n", 6),
            (
                "[Scoring]\nContractWeight=0\nDataroomWeight=0\n[Daemon]\nInterval=5min\n[Scoring]\nStaffWeight=0\nProcessesWeight=0\n",
                8
            ),
        ] as [(String, Int)])
    func errorsAboutCombinationsPointAtOneOfTheKeys(_ text: String, _ line: Int) throws {
        for _ in 0..<20 {
            let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "/x.conf") }
            #expect(error?.line == line, "\(error?.description ?? "")")
        }
    }

    @Test func errorsAboutCombinationsAcrossFilesNameTheFileThatSetTheValue() throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf", "[Daemon]\nInterval=5min\n[Scoring]\nAtRiskThreshold=70\n")
        try folder.write("exitreadyd.conf.d/10-a.conf", "[Daemon]\nHistoryRetention=30d\n")
        try folder.write("exitreadyd.conf.d/20-b.conf", "\n[Scoring]\nReadyThreshold=65\n")
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main) }
        #expect(
            error?.description == folder.path
                + "/exitreadyd.conf.d/20-b.conf:3: AtRiskThreshold= (70.0) is above ReadyThreshold= (65.0)")
    }

    @Test func anErrorWithoutALineNamesOnlyTheFile() throws {
        var builder = ConfigurationLoader.Builder(mainFile: "/etc/exitready/exitreadyd.conf")
        try builder.apply("[Daemon]\nInterval=5min\n", file: "/etc/exitready/exitreadyd.conf")
        builder.configuration.scoring.readyThreshold = 10
        let error = #expect(throws: ConfigurationError.self) { try builder.finish() }
        #expect(error?.line == 0)
        #expect(error?.description == "/etc/exitready/exitreadyd.conf: AtRiskThreshold= (60.0) is above ReadyThreshold= (10.0)")
    }

    @Test(
        arguments: [
            ("90s", 90.0), ("15min", 900), ("1h", 3600), ("1h 30min", 5400), ("2d", 172_800), ("1w", 604_800),
            ("42", 42), ("1.5h", 5400), ("500ms", 0.5),
        ] as [(String, Double)])
    func durationsLikeSystemd(_ text: String, _ seconds: Double) {
        #expect(SystemdDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "h", "5 parsecs", "1h garbage", "-5s", "5s5"])
    func notDurations(_ text: String) {
        #expect(SystemdDuration.seconds(text) == nil)
    }
}
