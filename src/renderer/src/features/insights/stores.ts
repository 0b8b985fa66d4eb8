/** The insights screen's stores, one of each for the screen: its two sections and the filter that drives both. */
import { api } from '../../api';
import { createFilterStore } from './filter-store';
import { createInsightsStore } from './insights-store';
import { createPracticesStore } from './practices-store';

export const experiments = createInsightsStore({ api });
export const practices = createPracticesStore({ api });
export const filter = createFilterStore({ experiments, practices });
