import Foundation
import Testing
@testable import ExitReadinessDaemon

@Suite("exitreadyd.conf")
struct ConfigurationLoaderTests {
    final class Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conf-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path + "/exitreadyd.conf.d", withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var main: String { path + "/exitreadyd.conf" }
        func write(_ name: String, _ text: String) throws { try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8) }
    }

    @Test func aMissingFileGivesTheDefaults() throws {
        let folder = try Folder()
        #expect(try ConfigurationLoader.load(path: folder.main) == DaemonConfiguration())
    }

    @Test func everyKeyIsReadAndDropInsWinInLexicalOrder() throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf", """
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
        #expect(configuration.scoring.contractWeight == 40 && configuration.scoring.atRiskThreshold == 65.5)
        #expect(configuration.scoring.readyThreshold == 85 && configuration.dropThreshold == 2.5)
        #expect(configuration.scoring.noticeWindowDays == 90 && configuration.scoring.criticalNoticeWindowDays == 14)
    }

    @Test(arguments: [
        ("[Daemon]\nIntervall=5min\n", 2, "unknown key Intervall= in [Daemon]"),
        ("[Deamon]\n", 1, "unknown section [Deamon]"),
        ("Interval=5min\n", 1, "comes before any [Section]"),
        ("[Daemon]\nInterval=soon\n", 2, "Interval=soon: expected a duration"),
        ("[Daemon]\nInterval=0\n", 2, "expected a duration of at least 1s"),
        ("[Daemon]\nSocketMode=0999\n", 2, "expected an octal mode"),
        ("[Daemon]\nDatabase=relative.db\n", 2, "expected an absolute path"),
        ("[Scoring]\nReadyThreshold=120\n", 2, "expected a number from 0 to 100"),
        ("[Scoring]\nStaffWeight=-1\n", 2, "expected a number of at least 0"),
        ("[Alerts]\nNoticeWindow=120\n", 2, "a bare number is seconds; write whole days, such as 120d"),
        ("[Alerts]\nNoticeWindow=36h\n", 2, "expected whole days"),
        ("[Scoring]\nReadyThreshold=50\n", 2, "AtRiskThreshold= (60.0) is above ReadyThreshold= (50.0)"),
        ("[Alerts]\nCriticalNoticeWindow=200d\n", 2, "CriticalNoticeWindow= is longer than NoticeWindow="),
        ("[Scoring]\nContractWeight=0\nDataroomWeight=0\nProcessesWeight=0\nStaffWeight=0\n", 5, "add up to 0"),
        ("[Daemon\n", 1, "must end with ']'"),
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

    @Test func errorsInDropInsNameTheDropIn() throws {
        let folder = try Folder()
        try folder.write("exitreadyd.conf.d/50-site.conf", "\n\n[Alerts]\nDropThreshold=lots\n")
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: folder.main) }
        #expect(error?.description == folder.path + "/exitreadyd.conf.d/50-site.conf:4: DropThreshold=lots: expected a number from 0 to 100")
    }

    @Test(arguments: [("90s", 90.0), ("15min", 900), ("1h", 3600), ("1h 30min", 5400), ("2d", 172_800), ("1w", 604_800),
                      ("42", 42), ("1.5h", 5400), ("500ms", 0.5)] as [(String, Double)])
    func durationsLikeSystemd(_ text: String, _ seconds: Double) {
        #expect(SystemdDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "h", "5 parsecs", "1h garbage", "-5s", "5s5"])
    func notDurations(_ text: String) {
        #expect(SystemdDuration.seconds(text) == nil)
    }
}
