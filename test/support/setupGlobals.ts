/* Jest setup: the globals Office's runtimes provide, for modules that expect them at load time. */
import { installCustomFunctionsStub } from './customFunctionsStub';

installCustomFunctionsStub();
