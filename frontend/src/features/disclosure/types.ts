/** Disclosure's API types: named aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Line = Schemas['Line'];
export type PaginatedLines = Schemas['PaginatedLineList'];
export type LineBody = Schemas['LineCreateRequest'];
export type Statement = Schemas['Statement'];
export type StatementDetail = Schemas['StatementDetail'];
export type PaginatedStatements = Schemas['PaginatedStatementList'];
export type StatementBody = Schemas['StatementCreateRequest'];
export type SplitRule = Schemas['SplitRule'];
export type SplitRuleBody = Schemas['SplitRuleRequest'];
export type FundBalance = Schemas['FundBalance'];
export type FundMovement = Schemas['FundMovement'];
export type Verification = Schemas['StatementVerification'];
export type NoticeCheck = Schemas['NoticeCheck'];
