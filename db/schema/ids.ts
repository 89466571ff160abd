declare const brand: unique symbol
/** A string id that only fits where its own entity's id is expected. */
export type Branded<T, B extends string> = T & { readonly [brand]: B }

export type OrgId = Branded<string, 'OrgId'>
export type UserId = Branded<string, 'UserId'>
export type ServiceCategoryId = Branded<string, 'ServiceCategoryId'>
export type ServiceItemId = Branded<string, 'ServiceItemId'>
export type QualificationId = Branded<string, 'QualificationId'>
export type PractitionerId = Branded<string, 'PractitionerId'>
export type ProcurementId = Branded<string, 'ProcurementId'>
export type BidId = Branded<string, 'BidId'>
