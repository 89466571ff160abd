/** The terms an amendment (更正公告) may change, in the order a notice lists them; pure, so pages can name them. */
export const AMENDABLE_TERMS = ['maxPriceFen', 'floorPriceFen', 'expectedDays', 'method', 'methodParams', 'requirement', 'practitionersRequired'] as const
export type AmendableTerm = (typeof AMENDABLE_TERMS)[number]
