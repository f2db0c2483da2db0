import Testing

@testable import ExitReadinessReport

@Suite("Sparklines within a width")
struct SparklineTests {
    @Test func neverWiderThanAskedAndNarrowerOnlyForFewerValues() {
        for count in 0...130 {
            let values: [Double?] = (0..<count).map { $0 % 7 == 3 ? nil : Double($0 % 11) * 9 }
            for width in 0...70 {
                let line = Sparkline.render(values, width: width)
                #expect(line.count == min(count, width), "\(count) values in \(width) cells")
            }
        }
    }

    @Test func fittingValuesAreDrawnOneEach() {
        #expect(Sparkline.render([0, 50, 100], width: 3) == "▁▅█")
        #expect(Sparkline.render([0, nil, 100]) == "▁ █")
        #expect(Sparkline.render([]) == "")
    }

    @Test func moreValuesThanCellsShowEachRunsLastValue() {
        // Six values in three cells: runs of two, each shown by its newer value.
        #expect(Sparkline.downsample([1, 2, 3, 4, 5, 6], to: 3) == [2, 4, 6])
        // Runs differ by one at most; a run without values is a gap.
        #expect(Sparkline.downsample([1, 2, 3, 4, 5], to: 2) == [2, 5])
        #expect(Sparkline.downsample([nil, nil, 3, nil], to: 2) == [nil, 3])
        #expect(Sparkline.downsample([1, 2], to: 0) == [])
        // The newest value always ends the line.
        let values: [Double?] = (0..<100).map { Double($0) }
        #expect(Sparkline.downsample(values, to: 7).last == 99)
        #expect(Sparkline.render(values + [0], width: 7).last == "▁")
    }
}
