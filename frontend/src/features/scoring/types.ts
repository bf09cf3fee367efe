/** Service scoring API types: aliases of the schemas GENERATED from the OpenAPI document. */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Survey = Schemas['Survey'];
export type SurveyStatus = Schemas['SurveyStatusEnum'];
export type PaginatedSurveys = Schemas['PaginatedSurveyList'];
export type MyUnit = Schemas['MyUnit'];
export type Ratings = Schemas['RatingsRequest'];
export type AnswerRequest = Schemas['AnswerRequest'];
export type AnswerResult = Schemas['AnswerResult'];
export type SurveyResults = Schemas['Results'];
export type DimensionResult = Schemas['DimensionResult'];
export type ResponseRates = Schemas['ResponseRates'];
export type Weights = Schemas['Weights'];
export type WeightAgreement = Schemas['WeightAgreement'];
export type WeightsInForce = Schemas['WeightsInForce'];
export type EstateScore = Schemas['EstateScore'];
export type PaginatedScores = Schemas['PaginatedEstateScoreList'];
export type ScoreInput = Schemas['ScoreInput'];
export type ScoreAlert = Schemas['ScoreAlert'];
export type Portfolio = Schemas['Portfolio'];
export type PortfolioRow = Schemas['PortfolioRow'];

/** The six dimensions, in the order a resident answers them (scoring/choices.py). */
export const DIMENSIONS = ['overall', 'cleaning', 'security', 'greening', 'repairs', 'service'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The seven inputs of the estate score, in the method document's order (METHOD.md). */
export const INPUTS = [
  'satisfaction',
  'inspection_pass',
  'rectification',
  'complaint_on_time',
  'complaint_reopen',
  'complaint_rating',
  'complaint_response',
] as const;
export type InputKey = (typeof INPUTS)[number];

export const DEFAULT_WEIGHTS: Weights = {
  satisfaction: 40,
  inspection_pass: 15,
  rectification: 15,
  complaint_on_time: 10,
  complaint_reopen: 5,
  complaint_rating: 10,
  complaint_response: 5,
};
