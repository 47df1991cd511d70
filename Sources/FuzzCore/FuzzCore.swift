// FuzzCore: filled by the fuzzing-core work (issue 3).
