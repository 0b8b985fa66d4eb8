export { DiscountDecisions } from './decisions';
export { DiscountService } from './discount-service';
export { ApprovalService, lowered } from './approval-service';
export { PolicyStore } from './policy-store';
