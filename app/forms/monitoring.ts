import { formSpec } from '~/utils/form-spec'
import { acceptRectificationSchema, concludeSchema, monitoringAnswerSchema, monitoringQuestionSchema, openMonitoringSchema, rectificationSchema } from '../../services/supervision/monitoring-input'

/* A monitoring's forms, apart from the others: their errors are said in the monitoring pages' words (mon). */

/** Opened, its questions and their answers, its findings, the party's rectification, the office's acceptance. */
export const openMonitoringForm = formSpec({ schema: openMonitoringSchema })
export const monitoringQuestionForm = formSpec({ schema: monitoringQuestionSchema })
export const monitoringAnswerForm = formSpec({ schema: monitoringAnswerSchema })
export const concludeForm = formSpec({ schema: concludeSchema })
export const rectificationForm = formSpec({ schema: rectificationSchema })
export const acceptRectificationForm = formSpec({ schema: acceptRectificationSchema })
