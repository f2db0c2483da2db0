/// Every finding exitready can report; exitready-inventory(5) lists each with its remedy.
public enum FindingCode: String, Sendable, CaseIterable, Comparable {
    case a01 = "A01"
    case a02 = "A02"
    case a03 = "A03"
    case c01 = "C01"
    case c02 = "C02"
    case c03 = "C03"
    case c04 = "C04"
    case c05 = "C05"
    case c06 = "C06"
    case c07 = "C07"
    case c08 = "C08"
    case c09 = "C09"
    case c10 = "C10"
    case c11 = "C11"
    case c12 = "C12"
    case c13 = "C13"
    case c14 = "C14"
    case c15 = "C15"
    case c16 = "C16"
    case c17 = "C17"
    case d00 = "D00"
    case d01 = "D01"
    case d02 = "D02"
    case d90 = "D90"
    case p00 = "P00"
    case p01 = "P01"
    case p02 = "P02"
    case p03 = "P03"
    case p04 = "P04"
    case p05 = "P05"
    case s00 = "S00"
    case s01 = "S01"
    case s02 = "S02"
    case s03 = "S03"
    case s04 = "S04"
    case t01 = "T01"
    case r01 = "R01"

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public var family: Family {
        switch rawValue.utf8.first {
        case UInt8(ascii: "A"): .actions
        case UInt8(ascii: "C"): .contract
        case UInt8(ascii: "D"): .dataroom
        case UInt8(ascii: "P"): .processes
        case UInt8(ascii: "S"): .staff
        case UInt8(ascii: "R"): .register
        default: .timeline
        }
    }

    /// What the check looks at, in a few words.
    public var title: String {
        switch self {
        case .a01: "registered action done by its due date"
        case .a02: "risk acceptance still in force"
        case .a03: "action marked done is resolved"
        case .c01: "exit plan document exists"
        case .c02: "exit plan reviewed within a year"
        case .c03: "exit plan tested within two years"
        case .c04: "exit trigger events defined"
        case .c05: "termination assistance agreed"
        case .c06: "assistance rates agreed in advance"
        case .c07: "information lead time agreed"
        case .c08: "key-staff retention clause"
        case .c09: "IP ownership settled"
        case .c10: "data return and deletion agreed"
        case .c11: "licence transfer agreed"
        case .c12: "cooperation duty agreed"
        case .c13: "alternatives identified"
        case .c14: "financial exit plan"
        case .c15: "communication plan"
        case .c16: "independent audit within a year"
        case .c17: "KPI health (exit-for-cause risk)"
        case .d00: "contract folder exists in the dataroom"
        case .d01: "required document present"
        case .d02: "required document current"
        case .d90: "dataroom file not readable by everyone"
        case .p00: "process register covers the contract"
        case .p01: "process documented"
        case .p02: "process assessed"
        case .p03: "process reviewed within a year"
        case .p04: "necessary process is transferable"
        case .p05: "transferability established"
        case .s00: "key persons identified"
        case .s01: "key person has an active successor"
        case .s02: "key person's knowledge transferred"
        case .s03: "team turnover over the last 180 days"
        case .s04: "key person stays through the exit"
        case .t01: "notice deadline not near while not ready"
        case .r01: "register declaration agrees with measured readiness"
        }
    }

    /// What to do about it.
    public var remedy: String {
        switch self {
        case .a01:
            "Finish the action, or agree a new due date with its owner and record it in the due "
                + "column of actions.csv."
        case .a02:
            "Resolve the finding, or decide again to accept the risk and record the new date in the "
                + "until column of actions.csv."
        case .a03:
            "Check the work: the finding persists, so the evidence is missing (a document not in the "
                + "dataroom, a register not updated); supply it or set the row back to open."
        case .c01:
            "Write the exit plan (triggers, transition period, data return, alternatives), put it in the "
                + "contract's dataroom folder and set exit_plan.document to its path."
        case .c02: "Review the exit plan with the provider and record the date in exit_plan.reviewed."
        case .c03:
            "Test the exit plan (a walk-through or a partial transfer), as DORA art. 28(8) asks, and "
                + "record the date in exit_plan.tested."
        case .c04:
            "List the events that start the exit in exit_plan.triggers: end-of-term, for-cause, "
                + "insolvency, change-of-control."
        case .c05:
            "Agree at least six months of termination assistance and record it in "
                + "terms.termination_assistance_months."
        case .c06:
            "Fix the rates for exit-related extra work in advance, so no last-minute invoices arrive; "
                + "set terms.assistance_rates_agreed."
        case .c07:
            "Agree how many days the provider gets to deliver requested information; set "
                + "terms.information_lead_days."
        case .c08:
            "Add a clause that keeps the provider's key staff on the account until the exit; set "
                + "terms.key_staff_retention."
        case .c09:
            "Settle who owns training material, knowledge bases, chatbots, WFM history and settings, "
                + "report formats, tooling and APIs; record each under ip."
        case .c10: "Agree how data is returned and deleted at the exit; set terms.data_return_and_deletion."
        case .c11: "Agree the transfer of licences (with counts); set terms.license_transfer."
        case .c12:
            "Agree that the provider cooperates and advises during the exit; set terms.cooperation_duty."
        case .c13: "Identify at least one alternative (insource or another provider) under alternatives."
        case .c14:
            "Write a financial exit plan with scenarios and the double running cost; set "
                + "financial_plan.document and financial_plan.double_run_cost_eur."
        case .c15:
            "Prepare the communication to staff and customers for when the exit is announced; set "
                + "communication_plan."
        case .c16: "Have an independent audit done and record its date in last_audit."
        case .c17:
            "Agree an improvement plan for the missed KPIs: sustained misses make an exit for cause "
                + "likely; record monthly results under kpi."
        case .d00: "Create the contract's folder in the dataroom and fill it per the checklist."
        case .d01: "Put the required document in the contract's dataroom folder (see the checklist pattern)."
        case .d02: "Replace the document with a current version; the checklist sets its maximum age."
        case .d90:
            "Remove read access for others (chmod o-r): the dataroom holds personnel data and "
                + "contracts."
        case .p00:
            "Map the contract's processes, formal and informal, in the process register."
        case .p01: "Document the process and put the document in the contract's dataroom folder."
        case .p02: "Assess whether the process is necessary, standardizable and transferable."
        case .p03: "Review the process and record the date in the reviewed column."
        case .p04:
            "Make the process transferable (document, standardise, or replace it) before the exit: "
                + "it is necessary and cannot be handed over."
        case .p05: "Establish whether the process can be transferred (transferable yes/no)."
        case .s00: "Identify the key persons of the account in the staff register (key = yes)."
        case .s01: "Name an active successor for the key person."
        case .s02: "Plan and complete the key person's knowledge transfer."
        case .s03:
            "Investigate why people leave the team and agree retention measures with the provider."
        case .s04:
            "Agree that the key person stays until the end of termination assistance, or arrange "
                + "the handover before they leave."
        case .t01:
            "Decide now whether to renew, re-contract or insource, and raise the readiness score "
                + "before the notice deadline passes."
        case .r01:
            "Correct the register block (substitutability, reintegration) to what an exit would take, "
                + "or make the contract ready so that the easy exit it declares is real."
        }
    }
}
