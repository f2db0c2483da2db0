/// What was built together during the contract and must have a settled owner.
public enum IPClass: String, Sendable, CaseIterable {
    case trainingMaterial = "training_material"
    case knowledgeBase = "knowledge_base"
    case chatbots
    case wfmHistory = "wfm_history"
    case wfmSettings = "wfm_settings"
    case reportFormats = "report_formats"
    case toolingAndAPIs = "tooling_and_apis"
}
