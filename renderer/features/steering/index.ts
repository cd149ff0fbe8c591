export { SteeringView } from './SteeringView';
export { bindSteering } from './steering';
