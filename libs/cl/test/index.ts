// @cairn/cl/testing: what tests outside the library may reach beyond its modules (test code only, by lint).
export { EncounterGenerationProcessor } from '../src/processors/encounter-generation.processor';
