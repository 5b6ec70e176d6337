/**
 * The cdktf app entry (`cdktf synth`, `cdktf deploy <env>`): one stack per environment of config/.
 * `npm run synth` synthesizes through the same app and prints the parity summary.
 */
import { buildApp } from './stacks/app';

buildApp().app.synth();
