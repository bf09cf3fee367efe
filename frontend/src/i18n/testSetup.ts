/**
 * Tests switch languages synchronously: the English dictionary, fetched on demand in the
 * app, is registered before any test runs.
 */
import { en } from './en';
import { registerDictionary } from './index';

registerDictionary('en', en);
