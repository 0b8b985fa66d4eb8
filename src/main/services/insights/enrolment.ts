/**
 * Enrolling a verified caller in the policy's experiments, from the credit tab.
 *
 * For each experiment the caller is eligible for today (core/experiments: the reason's policy
 * eligibility plus the experiment's own), the first time: an `experiments.assign` command writes
 * the assignment — the arm is the hash of (experiment, customer), so the hub and an offline desk
 * agree — with the covariates as they are now (before any offer). Every call that reaches the
 * credit tab: an `experiments.expose` command records that the agent was shown the arm. Both go
 * through the CommandLog (outbox + audit, one transaction each). A customer enrolled before stays
 * in their arm even if no longer eligible (intention to treat).
 */
import type Database from 'better-sqlite3';
import { ApiError, type AgentProfile, type CallExperimentView, type CallExperiments } from '../../../core/api';
import { enrolments, type Experiment } from '../../../core/experiments';
import { t } from '../../../core/i18n';
import { reasonLabel } from '../../../core/policy';
import type { CommandLog } from '../command-log';
import type { CustomerFactsReader } from '../discounts/customer-facts';
import type { PolicyStore } from '../discounts/policy-store';
import { monthsBetween } from '../../../core/policy/facts';
import type { VerifiedCall } from '../open-call';
import { uuidv7 } from '../../store/ids';

interface AssignmentRow {
  id: string;
  arm: 'offer' | 'holdout';
  assignedOn: string;
}

export class ExperimentEnrolment {
  private readonly assignment: Database.Statement<[string, string], AssignmentRow>;
  private readonly insertAssignment: Database.Statement;
  private readonly exposedOnCall: Database.Statement<[string, string], { n: number }>;
  private readonly insertExposure: Database.Statement;

  constructor(
    private readonly client: Database.Database,
    private readonly commands: CommandLog,
    private readonly reader: CustomerFactsReader,
    private readonly policies: PolicyStore,
    private readonly today: () => string,
  ) {
    this.assignment = client.prepare('SELECT id, arm, assigned_on AS assignedOn FROM experiment_assignments WHERE experiment_id = ? AND customer_id = ?');
    this.insertAssignment = client.prepare(
      `INSERT INTO experiment_assignments (id, experiment_id, customer_id, arm, bucket, assigned_on, assigned_at, policy_version, interaction_id, actor_id, churn_risk, standing, tenure_months, bill_shock, command_id)
       VALUES (@id, @experimentId, @customerId, @arm, @bucket, @assignedOn, @assignedAt, @policyVersion, @interactionId, @actorId, @churnRisk, @standing, @tenureMonths, @billShock, @commandId)`,
    );
    this.exposedOnCall = client.prepare('SELECT count(*) AS n FROM experiment_exposures WHERE experiment_id = ? AND interaction_id = ?');
    this.insertExposure = client.prepare(
      `INSERT INTO experiment_exposures (id, experiment_id, customer_id, arm, interaction_id, actor_id, exposed_at, offer_made, command_id)
       VALUES (@id, @experimentId, @customerId, @arm, @interactionId, @actorId, @exposedAt, NULL, @commandId)`,
    );
  }

  enrol(actor: AgentProfile, call: VerifiedCall): CallExperiments {
    const today = this.today();
    const policy = this.policies.current(today);
    const doc = policy.document;
    const customer = this.reader.customer(call.customerId);
    const account = this.reader.accountsOf(call.customerId)[0];
    if (!customer || !account) throw new ApiError('NOT_FOUND', [{ path: 'interactionId', message: 'this caller has no account' }]);
    const standing = this.reader.standing(account, today);
    const tenureMonths = monthsBetween(account.openedOn, today);
    const [latest, previous] = this.reader.recentInvoices(account.id, 2);
    const billShock = latest !== undefined && previous !== undefined && previous.total > 0 && latest.total * 10 >= previous.total * 12;
    const facts = { customerId: customer.id, tenureMonths, standing, fraudFlag: customer.fraudFlag === 1, churnRisk: customer.churnRisk };

    const views: CallExperimentView[] = [];
    for (const e of enrolments(doc, facts, today)) {
      let row = this.assignment.get(e.experiment.id, customer.id);
      if (!row && e.eligible) {
        const id = uuidv7();
        const payload = {
          assignmentId: id,
          experimentId: e.experiment.id,
          customerId: customer.id,
          arm: e.arm,
          bucket: e.bucket,
          policyVersion: doc.version,
          assignedOn: today,
          covariates: { churnRisk: facts.churnRisk, standing, tenureMonths, billShock },
        };
        this.commands.execute(
          {
            type: 'experiments.assign',
            actorId: actor.userId,
            interactionId: call.id,
            payload,
            audit: { action: 'experiment_assigned', subject: `customer:${customer.id}`, after: { experimentId: e.experiment.id, arm: e.arm } },
          },
          ({ commandId, at }) =>
            this.insertAssignment.run({
              id,
              experimentId: e.experiment.id,
              customerId: customer.id,
              arm: e.arm,
              bucket: e.bucket,
              assignedOn: today,
              assignedAt: at,
              policyVersion: doc.version,
              interactionId: call.id,
              actorId: actor.userId,
              churnRisk: facts.churnRisk,
              standing,
              tenureMonths,
              billShock: billShock ? 1 : 0,
              commandId,
            }),
        );
        row = { id, arm: e.arm, assignedOn: today };
      }
      if (!row) continue;
      if (this.exposedOnCall.get(e.experiment.id, call.id)!.n === 0) {
        const id = uuidv7();
        const arm = row.arm;
        this.commands.execute(
          {
            type: 'experiments.expose',
            actorId: actor.userId,
            interactionId: call.id,
            payload: { exposureId: id, experimentId: e.experiment.id, customerId: customer.id, arm },
            audit: { action: 'experiment_exposed', subject: `customer:${customer.id}`, after: { experimentId: e.experiment.id, arm } },
          },
          ({ commandId, at }) =>
            this.insertExposure.run({
              id,
              experimentId: e.experiment.id,
              customerId: customer.id,
              arm,
              interactionId: call.id,
              actorId: actor.userId,
              exposedAt: at,
              commandId,
            }),
        );
      }
      views.push(this.view(e.experiment, row, actor));
    }
    return { experiments: views, heldOutReasons: views.filter((v) => v.arm === 'holdout').map((v) => v.reason) };
  }

  private view(e: Experiment, row: AssignmentRow, actor: AgentProfile): CallExperimentView {
    const share = `${e.holdoutBp / 100} %`;
    const params = { title: e.title[actor.locale], share, reason: reasonLabel(e.reason, actor.locale).toLowerCase() };
    return {
      experimentId: e.id,
      title: e.title[actor.locale],
      reason: e.reason,
      arm: row.arm,
      holdoutBp: e.holdoutBp,
      assignedOn: row.assignedOn,
      text: t(actor.locale, row.arm === 'holdout' ? 'experiments.holdout.body' : 'experiments.offer.body', params),
    };
  }
}
