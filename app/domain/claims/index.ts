export * from "./claim-machine";
export * from "./payout";
