/**
 * How the resolvers report a problem: the field's path and what is wrong with it. The caller
 * throws a ScenarioError naming the scenario's file, so a resolver never needs to know it.
 */
export type Fail = (field: string, problem: string) => never;
