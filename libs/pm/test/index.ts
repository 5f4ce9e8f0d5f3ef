// @cairn/pm/testing: what tests outside the library may reach beyond its modules (test code only, by lint).
export { ChargeCreationProcessor } from '../src/processors/charge-creation.processor';
