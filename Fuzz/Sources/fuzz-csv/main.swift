import FuzzTargets

// See Targets.csv for what one input goes through.
Harness.run { data, size in
    Targets.csv(Harness.bytes(data, size))
    return 0
}
