import FuzzTargets

// See Targets.json for what one input goes through.
Harness.run { data, size in
    Targets.json(Harness.bytes(data, size))
    return 0
}
