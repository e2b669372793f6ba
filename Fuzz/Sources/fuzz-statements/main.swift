import FuzzTargets

// See Targets.statements for what one input goes through.
Harness.run { data, size in
    Targets.statements(Harness.bytes(data, size))
    return 0
}
