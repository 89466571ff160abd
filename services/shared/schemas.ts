/*
 * Fields several schemas share: a calendar day, an email address, a phone number, our ids. They
 * are built in zod's small build (./fields), so a form that uses them may be checked in the browser.
 */
export { day as isoDay, email as emailField, phone as phoneField } from './fields'
export { isUuid } from './uuid'
