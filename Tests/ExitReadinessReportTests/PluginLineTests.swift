import ExitReadiness
import ExitReadinessReport
import Testing

@Suite("The monitoring plugin line")
struct PluginLineTests {
    private static func contract(_ id: String, _ score: Double, _ band: String, status: String = "active") -> JSONValue {
        .object([("id", .string(id)), ("status", .string(status)), ("score", .number(score)), ("band", .string(band))])
    }

    private static let document = JSONValue.object([
        (
            "portfolio",
            .object([
                ("score", .number(63.3)), ("band", .string("at-risk")), ("weakest", .string("rheinruf-de")),
                ("active_contracts", .integer(2)),
            ])
        ),
        (
            "contracts",
            .array([
                contract("klantlijn-inbound", 95.2, "ready"), contract("nachtwacht", 10, "not-ready", status: "ended"),
                contract("rheinruf-de", 22.7, "not-ready"),
            ])
        ),
    ])

    @Test func portfolioWithPerformanceDataPerActiveContract() {
        let line = PluginLine.portfolio(Self.document, bands: .init(ready: 80, atRisk: 62.5))
        #expect(line.state == .warning)
        #expect(
            line.text == "EXITREADY WARNING - portfolio 63.3 at-risk, 2 active contracts, weakest rheinruf-de 22.7"
                + " | portfolio=63.3;80:;62.5:;0;100 'klantlijn-inbound'=95.2;80:;62.5:;0;100 'rheinruf-de'=22.7;80:;62.5:;0;100\n"
        )
    }

    @Test func statesFollowTheBand() {
        let bands = PluginLine.Bands(ScoringPolicy())
        #expect(
            PluginLine.contract(Self.contract("a", 95, "ready"), bands: bands).text
                == "EXITREADY OK - contract a 95.0 ready | 'a'=95.0;80:;60:;0;100\n")
        #expect(PluginLine.contract(Self.contract("a", 10, "not-ready"), bands: bands).state == .critical)
        #expect(
            PluginLine.portfolio(.object([("portfolio", .object([("score", .null), ("band", .null)]))]), bands: bands).text
                == "EXITREADY OK - no active contracts\n")
        #expect(PluginLine.unknown("exitreadyd cannot be reached").text == "EXITREADY UNKNOWN - exitreadyd cannot be reached\n")
        #expect(PluginLine.unknown("a | b\nc").text == "EXITREADY UNKNOWN - a / b\\nc\n")
    }
}
