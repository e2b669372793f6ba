import FuzzTargets

// See Targets.csvPipelines for what one input goes through.
Harness.run { data, size in
    Targets.csvPipelines(Harness.bytes(data, size))
    return 0
}
