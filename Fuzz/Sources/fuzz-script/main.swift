import FuzzTargets

// See Targets.script for what one input goes through.
Harness.run { data, size in
    Targets.script(Harness.bytes(data, size))
    return 0
}
