export {
  isValidResidentId,
  residentIdCheckChar,
  validateResidentId,
  type ResidentIdProblem,
  type ResidentIdResult,
} from './resident-id.js';
export {
  creditCodeCheckChar,
  isValidCreditCode,
  validateCreditCode,
  type CreditCodeProblem,
  type CreditCodeResult,
} from './credit-code.js';
export {
  validateLandline,
  validateMobile,
  validatePhone,
  type PhoneKind,
  type PhoneProblem,
  type PhoneResult,
} from './phone.js';
export { MIN_HIDDEN, maskCreditCode, maskLandline, maskMobile, maskName, maskResidentId } from './mask.js';
