export { runTheoryChecks, DEFAULT_REQUESTS_PER_CHECK } from "./run-theory-checks.js";
export { compareFigure, type ValidationRow } from "./validation-row.js";
export { theoryChecks, type TheoryCheck, type ExpectedFigure } from "./theory-checks.js";
export { mm1Sojourn, mmcSojourn, md1Sojourn, tandemSojourn, meanValueAnalysis, erlangC } from "./queueing-theory.js";
export { runCalibrationChecks } from "./run-calibration-checks.js";
export { CALIBRATION_FIGURES, CALIBRATION_TOLERANCE_PCT, type CalibrationFigure } from "./calibration-figures.js";
export { runConnectionChecks } from "./connection-checks.js";
