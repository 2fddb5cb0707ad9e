import { guidanceRule } from '../guidance.js';

export const howToImplementRule = guidanceRule('how-to-implement', 'how_to_implement', 'say which data and add-ons the search needs');
