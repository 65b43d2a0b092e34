/**
 * Deterministic, clearly synthetic demo data (`onex demo`, and `npm start` on first start).
 * See README.md in this folder for what is generated, how, and why it can never be real.
 */
export {
  type DemoOptions,
  type DemoPlan,
  type DemoProgress,
  type DemoRuntime,
  type DemoScale,
  type DemoSummary,
  demoPlans,
  demoReferenceDate,
  demoScales,
  ensureDemoEmployers,
  generateDemo,
  isDemoSeeded,
  learnerBatchSize,
} from './generate.ts';
export {
  type DemoIntegrationSummary,
  demoOutcomeCodes,
  ensureDemoIntegration,
  seedDemoIntegration,
} from './integration.ts';
export { idCapacity as demoIdCapacity } from './people.ts';
