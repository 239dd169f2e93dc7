/** A small valid PNG (64 x 40, pale blue) standing in for ID photos in demo and test data. */
export const DEMO_IMAGE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAAWklEQVR4nO3PUQkAIBTAwNc/jyFMYg5D+HEIgwW4zdrn64YLGtCCBrSgAS1oQAsa0IIGtKABLWhACxrQgga0oAEtaEALGtCCBrSgAS1oQAsa0IIGtKABLXjsAsh91VpjsnbgAAAAAElFTkSuQmCC',
  'base64',
);
