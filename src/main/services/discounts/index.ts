export { DiscountCore, type DiscountActor } from './core';
export { DiscountService } from './discount-service';
export { ApprovalService, lowered } from './approval-service';
export { PolicyStore } from './policy-store';
