import { deliveryRacesSuite } from './delivery-races.suite';

deliveryRacesSuite('redis');
