#!/usr/bin/env node
/** The `cdk8s-delivery` command (the package's bin): see cli.ts. */
import { main } from './cli';

process.exitCode = main(process.argv.slice(2));
