export type { XmlAttribute, XmlElement } from './types';
