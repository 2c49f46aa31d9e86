import StationStore

/// The plain-text preview of an import (`validate --diff`, `import --dry-run`): what would be
/// inserted, updated (with the fields that change), left unchanged and deleted.
enum ImportPlanText {
    /// Ids listed per group before "... and N more".
    static let listed = 20

    static func render(_ plan: ImportPlan) -> String {
        let read = plan.read == 1 ? "1 station" : "\(plan.read) stations"
        var lines = ["\(read) read; the ledger holds \(plan.stored)"]
        lines.append(group("would insert", plan.inserted))
        lines.append(group("would update", plan.updated.map { "\($0.id) (\($0.fields.joined(separator: ", ")))" }))
        lines.append("unchanged: \(plan.unchanged)")
        lines.append(group("would delete", plan.deleted))
        return lines.joined(separator: "\n")
    }

    private static func group(_ label: String, _ items: [String]) -> String {
        guard !items.isEmpty else { return "\(label): 0" }
        var text = "\(label): \(items.count)"
        for item in items.prefix(listed) { text += "\n    \(item)" }
        if items.count > listed { text += "\n    ... and \(items.count - listed) more" }
        return text
    }
}
